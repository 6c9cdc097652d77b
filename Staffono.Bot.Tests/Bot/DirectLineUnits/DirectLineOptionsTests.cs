using System.ComponentModel.DataAnnotations;
using Staffono.Bot.DirectLine;
using Xunit;

namespace Staffono.Bot.Tests.Bot.DirectLineUnits;

public sealed class DirectLineOptionsTests
{
    /// <summary>One setting changed from the defaults, and the one message it must produce (none: valid).</summary>
    public static TheoryData<string, string, string?> Settings => new()
    {
        { "TokenLifetime", "00:01:00", null },
        { "TokenLifetime", "1.00:00:00", null },
        { "TokenLifetime", "00:00:59", "DirectLine:TokenLifetime must be between 00:01:00 and 1.00:00:00." },
        { "TokenLifetime", "1.00:00:01", "DirectLine:TokenLifetime must be between 00:01:00 and 1.00:00:00." },
        { "UserCredentialLifetime", "01:00:00", null },
        { "UserCredentialLifetime", "730.00:00:00", null },
        { "UserCredentialLifetime", "00:59:59", "DirectLine:UserCredentialLifetime must be between 01:00:00 and 730.00:00:00." },
        { "UserCredentialLifetime", "730.00:00:01", "DirectLine:UserCredentialLifetime must be between 01:00:00 and 730.00:00:00." },
        { "MaxHistoryBytes", "1048576", null },
        { "MaxHistoryBytes", "1048575", "DirectLine:MaxHistoryBytes must be at least 1048576 (1 MB)." },
        { "PostsBurst", "1", null },
        { "PostsBurst", "0", "DirectLine:PostsBurst and its rate must be positive." },
        { "PostsPerSecond", "0.001", null },
        { "PostsPerSecond", "0", "DirectLine:PostsBurst and its rate must be positive." },
        { "PostsPerSecond", "-1", "DirectLine:PostsBurst and its rate must be positive." },
        { "PostsPerSecond", "NaN", "DirectLine:PostsBurst and its rate must be positive." },
        { "PostsPerSecond", "Infinity", "DirectLine:PostsBurst and its rate must be positive." },
        { "NewConversationsBurst", "0", "DirectLine:NewConversationsBurst and its rate must be positive." },
        { "RequestsPerSecond", "0", "DirectLine:RequestsBurst and its rate must be positive." },
        { "KeepAliveInterval", "00:00:01", null },
        { "KeepAliveInterval", "00:00:00.999", "DirectLine:KeepAliveInterval must be at least 00:00:01." },
        { "TokenSigningKey", Convert.ToBase64String(new byte[32]), null },
        { "TokenSigningKey", "", null },
        { "TokenSigningKey", Convert.ToBase64String(new byte[31]), "DirectLine:TokenSigningKey must be base64 of at least 32 bytes." },
        { "TokenSigningKey", "not base64!", "DirectLine:TokenSigningKey must be base64 of at least 32 bytes." },
        { "AllowedOrigins", "https://shop.example", null },
        { "AllowedOrigins", "https://shop.example/chat", "DirectLine:AllowedOrigins has 'https://shop.example/chat', which is not an origin like https://shop.example." },
        { "AllowedOrigins", "shop.example", "DirectLine:AllowedOrigins has 'shop.example', which is not an origin like https://shop.example." },
    };

    [Theory]
    [MemberData(nameof(Settings))]
    public void Each_setting_is_checked_with_a_message_that_names_it(string setting, string value, string? error)
    {
        var options = new DirectLineOptions();
        var c = System.Globalization.CultureInfo.InvariantCulture;
        switch (setting)
        {
            case "TokenLifetime": options.TokenLifetime = TimeSpan.Parse(value, c); break;
            case "UserCredentialLifetime": options.UserCredentialLifetime = TimeSpan.Parse(value, c); break;
            case "MaxHistoryBytes": options.MaxHistoryBytes = long.Parse(value, c); break;
            case "PostsBurst": options.PostsBurst = int.Parse(value, c); break;
            case "PostsPerSecond": options.PostsPerSecond = double.Parse(value, c); break;
            case "NewConversationsBurst": options.NewConversationsBurst = int.Parse(value, c); break;
            case "RequestsPerSecond": options.RequestsPerSecond = double.Parse(value, c); break;
            case "KeepAliveInterval": options.KeepAliveInterval = TimeSpan.Parse(value, c); break;
            case "TokenSigningKey": options.TokenSigningKey = value; break;
            case "AllowedOrigins": options.AllowedOrigins = [value]; break;
            default: throw new ArgumentOutOfRangeException(nameof(setting));
        }

        var errors = options.Validate(new ValidationContext(options)).Select(r => r.ErrorMessage).ToList();

        Assert.Equal(error is null ? [] : [error], errors);
    }
}
