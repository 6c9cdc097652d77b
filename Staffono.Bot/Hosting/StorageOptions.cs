using System.ComponentModel.DataAnnotations;

namespace Staffono.Bot.Hosting;

/// <summary>Where the embedded SQLite database lives.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>Folder for the database file; relative paths are resolved against the working directory.</summary>
    [Required(AllowEmptyStrings = false)]
    public string DataFolder { get; set; } = "data";

    /// <summary>File name of the database inside <see cref="DataFolder"/>.</summary>
    [Required(AllowEmptyStrings = false)]
    public string DatabaseFile { get; set; } = "staffono.db";

    /// <summary>
    /// Wait for the disk on every commit. Off by default: commits then survive a crash or kill of the
    /// bot, but an operating-system crash or power cut can lose the last moments of writes.
    /// </summary>
    public bool FlushEveryWrite { get; set; }

    public string DatabasePath => Path.GetFullPath(Path.Combine(DataFolder, DatabaseFile));
}
