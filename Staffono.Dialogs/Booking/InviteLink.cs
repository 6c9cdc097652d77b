using Staffono.Runtime.Schema;

namespace Staffono.Dialogs.Booking;

/// <summary>Where a booking's calendar invite can be fetched from the customer's side.</summary>
public static class InviteLink
{
    /// <summary>
    /// The invite's URL, or null when there is none the customer could open: on this host's own web chat
    /// the service URL is this host; on other channels it is the channel's connector, so only a configured
    /// public base URL will do.
    /// </summary>
    public static Uri? For(Activity activity, string? publicBaseUrl, string icsToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var baseUrl = publicBaseUrl ?? (activity.ChannelId is ChannelIds.Webchat or ChannelIds.DirectLine ? activity.ServiceUrl : null);
        return baseUrl is not null && Uri.TryCreate(baseUrl, UriKind.Absolute, out var root)
            ? new Uri(root, $"calendar/{Uri.EscapeDataString(icsToken)}.ics")
            : null;
    }
}
