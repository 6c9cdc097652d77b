namespace Staffono.Runtime.Channels;

/// <summary>A link the user can open (a calendar invite, a payment page, a tracking page), with a short title.</summary>
public sealed record ReplyLink(string Title, Uri Url);
