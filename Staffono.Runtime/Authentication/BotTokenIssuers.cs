namespace Staffono.Runtime.Authentication;

/// <summary>Issuers the protocol trusts (PROTOCOL.md §3).</summary>
public static class BotTokenIssuers
{
    /// <summary>The Bot Framework token service: classic channel tokens.</summary>
    public const string BotFramework = "https://api.botframework.com";

    /// <summary>Tenants whose Entra tokens channels and the Emulator use.</summary>
    public static readonly IReadOnlyList<string> BotServiceTenants =
    [
        "d6d49420-f39b-4df7-a1dc-d59a935871db",
        "f8cdef31-a31e-4b4a-93e4-5f571e91255a",
        "69e9b82d-4842-4902-8d1e-abc5b98a55e8",
    ];

    /// <summary>Entra issuers (v1 and v2 forms) for the Bot Service tenants and, if given, the bot's own tenant.</summary>
    public static IReadOnlyList<string> Entra(string? configuredTenant)
    {
        var tenants = new List<string>(BotServiceTenants);
        if (!string.IsNullOrWhiteSpace(configuredTenant) && !tenants.Contains(configuredTenant, StringComparer.OrdinalIgnoreCase))
        {
            tenants.Add(configuredTenant);
        }

        return tenants.SelectMany(t => new[] { $"https://sts.windows.net/{t}/", $"https://login.microsoftonline.com/{t}/v2.0" }).ToList();
    }
}
