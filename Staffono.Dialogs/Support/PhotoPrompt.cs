using Staffono.Dialogs.Engine;
using Staffono.Dialogs.Engine.Prompts;
using Staffono.Runtime.Adapter;
using Staffono.Runtime.Schema;
using Staffono.Skills.Shop;

namespace Staffono.Dialogs.Support;

/// <summary>
/// Asks for photos and takes the images attached to the answer: read through the attachment's URL (Direct
/// Line's uploads, other channels' files, inline data), checked to be a JPEG, PNG, WebP, GIF or HEIC image
/// no larger than the fetcher's limit by its first bytes as well as its declared type, and stored with the
/// return. Anything else is asked again, naming the limits.
/// </summary>
public sealed class PhotoPrompt(string id, Workflows.AttachmentFetcher attachments, IReturnPhotos photos) : Prompt<List<string>>(id)
{
    public PhotoPrompt(string id, SupportServices support)
        : this(id, support?.Attachments ?? throw new ArgumentNullException(nameof(support)), support.Photos)
    {
    }

    /// <summary>An attached image is the answer this prompt waits for; saying so must not store it twice.</summary>
    public override Task<bool> ExpectsAsync(ITurnContext turnContext, DialogInstance instance, CancellationToken cancellationToken = default) =>
        Task.FromResult(Images(turnContext.Activity).Count > 0);

    protected override async Task<PromptRecognizerResult<List<string>>> RecognizeAsync(ITurnContext turnContext, PromptOptions options, CancellationToken cancellationToken)
    {
        var saved = new List<string>();
        foreach (var attachment in Images(turnContext.Activity))
        {
            if (await attachments.FetchAsync(attachment, cancellationToken) is not { } bytes || Sniff(bytes) is not { } type)
            {
                return PromptRecognizerResult<List<string>>.NotRecognized;
            }

            saved.Add(await photos.SaveAsync(bytes, type, cancellationToken));
        }

        return saved.Count > 0 ? new PromptRecognizerResult<List<string>>(true, saved) : PromptRecognizerResult<List<string>>.NotRecognized;
    }

    private static List<Attachment> Images(Activity activity) =>
        (activity.Attachments ?? []).Where(a => a.ContentType is { } type && (type.StartsWith("image/", StringComparison.OrdinalIgnoreCase) || type == "application/octet-stream")).Take(5).ToList();

    /// <summary>The image type the bytes really are; a declared type is a claim, the first bytes are evidence.</summary>
    private static string? Sniff(byte[] bytes) => bytes switch
    {
        [0xFF, 0xD8, 0xFF, ..] => "image/jpeg",
        [0x89, 0x50, 0x4E, 0x47, ..] => "image/png",
        [0x47, 0x49, 0x46, 0x38, ..] => "image/gif",
        [0x52, 0x49, 0x46, 0x46, _, _, _, _, 0x57, 0x45, 0x42, 0x50, ..] => "image/webp",
        [_, _, _, _, 0x66, 0x74, 0x79, 0x70, 0x68, 0x65, 0x69, ..] => "image/heic",
        _ => null,
    };
}
