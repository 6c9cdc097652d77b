namespace Staffono.Dialogs.Handoff;

/// <summary>
/// The Teams channel tickets go to (section "Handoff:Teams"). Both ids can be left empty: they are learnt
/// when the app is added to a team (the team's General channel), and a later setting wins.
/// </summary>
public sealed class TeamsOperatorOptions
{
    /// <summary>The channel's id ("19:...@thread.tacv2").</summary>
    public string? ChannelId { get; set; }

    /// <summary>The Microsoft Entra tenant of the team.</summary>
    public string? TenantId { get; set; }

    /// <summary>Teams' Bot Connector; the one Teams itself sends from is used once seen.</summary>
    public string ServiceUrl { get; set; } = "https://smba.trafficmanager.net/teams/";

    /// <summary>Who is @mentioned in the ticket's thread when nobody takes it in time: a Teams user id ("29:...") or AAD object id.</summary>
    public string? BackupUserId { get; set; }

    /// <summary>The backup person's display name, as the mention shows it.</summary>
    public string? BackupName { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(ChannelId) && !string.IsNullOrWhiteSpace(TenantId);
}
