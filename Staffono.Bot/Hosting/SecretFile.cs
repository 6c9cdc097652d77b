using System.Security.Cryptography;

namespace Staffono.Bot.Hosting;

/// <summary>
/// A secret generated once into the data folder (readable only by the bot's user where the system allows), so
/// a feature that needs one works out of the box and the owner can read it there or replace it by a setting.
/// </summary>
public static class SecretFile
{
    /// <returns>The secret and the file's full path.</returns>
    public static (string Secret, string Path) LoadOrCreate(string dataFolder, string fileName)
    {
        Directory.CreateDirectory(dataFolder);
        var path = System.IO.Path.GetFullPath(System.IO.Path.Combine(dataFolder, fileName));
        if (File.Exists(path) && File.ReadAllText(path).Trim() is { Length: >= 16 } existing)
        {
            return (existing, path);
        }

        var generated = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_');
        File.WriteAllText(path, generated + Environment.NewLine);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return (generated, path);
    }
}
