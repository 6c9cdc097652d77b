using System.Reflection;
using Microsoft.SemanticKernel;

namespace Staffono.Skills.Ai;

/// <summary>
/// "The model proposes, the dialog disposes", in code. Every function the kernel runs passes here: a
/// <see cref="DialogOnlyAttribute"/> function runs only with a real <see cref="DialogGrant"/> among its
/// arguments, and never as a model's automatic function call, whatever arguments the model forged. A
/// refused call writes nothing; the model is told it was refused.
/// </summary>
public sealed class SideEffectGuard : IFunctionInvocationFilter, IAutoFunctionInvocationFilter
{
    /// <summary>What a model reads back when it tried a side effect.</summary>
    public const string Refusal = "Refused: this function changes data and runs only from the conversation, after the customer confirms.";

    public static bool IsDialogOnly(KernelFunction function) =>
        function.UnderlyingMethod?.GetCustomAttribute<DialogOnlyAttribute>() is not null;

    public async Task OnFunctionInvocationAsync(FunctionInvocationContext context, Func<FunctionInvocationContext, Task> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (IsDialogOnly(context.Function)
            && !(context.Arguments.TryGetValue(DialogGrant.ArgumentName, out var grant) && grant is DialogGrant))
        {
            throw new KernelException($"{context.Function.PluginName}.{context.Function.Name} has a side effect and runs only from dialog code with its grant.");
        }

        await next(context);
    }

    public async Task OnAutoFunctionInvocationAsync(AutoFunctionInvocationContext context, Func<AutoFunctionInvocationContext, Task> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (IsDialogOnly(context.Function))
        {
            // Not called at all: the model learns it was refused and cannot try again with other arguments to any effect.
            context.Result = new FunctionResult(context.Function, Refusal);
            return;
        }

        await next(context);
    }
}
