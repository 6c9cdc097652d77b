using Microsoft.Extensions.FileProviders;

namespace Staffono.Bot.Endpoints;

/// <summary>GET / — the web chat page, and /webchat/webchat.js, served from the host's own wwwroot.</summary>
public static class ChatPageEndpoints
{
    public static WebApplication UseChatPage(this WebApplication app)
    {
        var webRoot = Path.Combine(AppContext.BaseDirectory, "wwwroot");
        if (!Directory.Exists(webRoot))
        {
            app.Logger.LogWarning("No chat page: {WebRoot} is missing (the build puts it there)", webRoot);
            return app;
        }

        var files = new PhysicalFileProvider(webRoot);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = files });
        return app;
    }
}
