namespace Staffono.Runtime.Schema;

/// <summary>Channel ids as Azure Bot Service and the Emulator send them.</summary>
public static class ChannelIds
{
    public const string Webchat = "webchat";
    public const string DirectLine = "directline";
    public const string Emulator = "emulator";
    public const string MsTeams = "msteams";
    public const string Telegram = "telegram";
    public const string Facebook = "facebook";
    public const string Test = "test";
}
