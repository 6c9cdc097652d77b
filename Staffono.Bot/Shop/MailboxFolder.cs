using System.Text.Json;
using Staffono.Skills.Messaging;

namespace Staffono.Bot.Shop;

/// <summary>
/// The embedded message sender: each message is a JSON file in the data folder's mailbox, newest last, which
/// the operator console lists. Nothing leaves the machine, and a newcomer can still follow a code flow.
/// </summary>
public sealed class MailboxFolder(string folder, TimeProvider time) : IMessageSender
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public string Folder { get; } = folder;

    public async Task SendAsync(OutgoingMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        Directory.CreateDirectory(Folder);
        var at = time.GetUtcNow();
        var name = $"{at.UtcTicks:D20}-{Guid.NewGuid():N}.json";
        await File.WriteAllTextAsync(Path.Combine(Folder, name), JsonSerializer.Serialize(new MailboxMessage(message.To, message.Subject, message.Body, at), Json), cancellationToken);
    }

    /// <summary>The latest messages, newest first.</summary>
    public async Task<IReadOnlyList<MailboxMessage>> LatestAsync(int take, CancellationToken cancellationToken = default)
    {
        if (!Directory.Exists(Folder))
        {
            return [];
        }

        var messages = new List<MailboxMessage>();
        foreach (var file in Directory.GetFiles(Folder, "*.json").OrderDescending(StringComparer.Ordinal).Take(take))
        {
            if (JsonSerializer.Deserialize<MailboxMessage>(await File.ReadAllTextAsync(file, cancellationToken), Json) is { } message)
            {
                messages.Add(message);
            }
        }

        return messages;
    }
}

/// <summary>A message as the mailbox keeps it.</summary>
public sealed record MailboxMessage(string To, string Subject, string Body, DateTimeOffset At);
