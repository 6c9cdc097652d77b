using System.Security.Cryptography;
using System.Text;
using Staffono.Bot.Hosting;

namespace Staffono.Bot.Operators;

/// <summary>
/// The key operators sign in to the console with: the configured one (Handoff:OperatorKey), or one generated
/// once into the data folder (operator-key.txt, readable only by the bot's user where the system allows) and
/// printed at start, so a newcomer can open /operator straight away and nobody else can.
/// </summary>
public sealed class OperatorKey
{
    public const string FileName = "operator-key.txt";

    private readonly byte[] _key;

    private OperatorKey(string key, string? file)
    {
        Value = key;
        File = file;
        _key = Encoding.UTF8.GetBytes(key);
    }

    public string Value { get; }

    /// <summary>Where a generated key is kept; null when the key is configured.</summary>
    public string? File { get; }

    public static OperatorKey Load(string? configured, string dataFolder)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return new OperatorKey(configured.Trim(), null);
        }

        var (generated, path) = SecretFile.LoadOrCreate(dataFolder, FileName);
        return new OperatorKey(generated, path);
    }

    /// <summary>True when <paramref name="presented"/> is the key; takes the same time however much of it matches.</summary>
    public bool Matches(string? presented) =>
        presented is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), _key);
}
