namespace Staffono.Skills.Ai;

/// <summary>A read-only plugin function: it changes nothing, so it may be offered to a model as a tool.</summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class ModelMayCallAttribute : Attribute
{
}
