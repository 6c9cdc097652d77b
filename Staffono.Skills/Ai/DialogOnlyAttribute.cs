namespace Staffono.Skills.Ai;

/// <summary>
/// A plugin function with a side effect (book, cancel, create an RMA, refund, approve): it runs only when
/// dialog code invokes it with a <see cref="DialogGrant"/>, and never on a model's function call.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class DialogOnlyAttribute : Attribute
{
}
