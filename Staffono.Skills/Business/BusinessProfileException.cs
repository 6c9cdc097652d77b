namespace Staffono.Skills.Business;

/// <summary>The business profile cannot be used; the message names the file, line and field.</summary>
public sealed class BusinessProfileException(string message) : Exception(message);
