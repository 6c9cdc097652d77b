namespace Staffono.Skills.Understanding;

/// <summary>An intent or date file that cannot be read; the message names the file and line.</summary>
public sealed class IntentDataException(string message) : Exception(message);
