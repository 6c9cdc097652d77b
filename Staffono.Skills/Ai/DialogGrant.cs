namespace Staffono.Skills.Ai;

/// <summary>
/// The capability a side-effecting plugin function demands (<see cref="DialogOnlyAttribute"/>): proof
/// that dialog code, after the customer confirmed, is the caller. Only Staffono.Dialogs can issue one
/// (the constructor is internal to Skills and visible to Dialogs alone). A model's function call cannot
/// produce one: its arguments arrive as JSON, and JSON never becomes this object.
/// </summary>
public sealed class DialogGrant
{
    internal DialogGrant()
    {
    }

    /// <summary>The parameter name side-effecting functions take it under.</summary>
    public const string ArgumentName = "grant";
}
