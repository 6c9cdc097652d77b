using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.SemanticKernel;

namespace Staffono.Skills.Ai;

/// <summary>
/// The Semantic Kernel the host builds: every capability registered as a plugin, the
/// <see cref="SideEffectGuard"/> on every invocation, and the chat client when a model is configured.
/// </summary>
public static class KernelRegistration
{
    /// <summary>The kernel over every registered <see cref="KernelPlugin"/> (and <see cref="Microsoft.Extensions.AI.IChatClient"/>, when registered).</summary>
    public static IServiceCollection AddStaffonoKernel(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<SideEffectGuard>();
        services.TryAddSingleton(sp =>
        {
            var guard = sp.GetRequiredService<SideEffectGuard>();
            var kernel = new Kernel(sp, new KernelPluginCollection(sp.GetServices<KernelPlugin>()));
            kernel.FunctionInvocationFilters.Add(guard);
            kernel.AutoFunctionInvocationFilters.Add(guard);
            return kernel;
        });
        return services;
    }

    /// <summary>A kernel of its own over one chat client and no plugins (the eval command, tests), guarded like the host's.</summary>
    public static Kernel KernelFor(Microsoft.Extensions.AI.IChatClient chat)
    {
        ArgumentNullException.ThrowIfNull(chat);
        return new ServiceCollection().AddSingleton(chat).AddStaffonoKernel().BuildServiceProvider().GetRequiredService<Kernel>();
    }

    /// <summary>Registers the capability <typeparamref name="T"/> (already registered) as the kernel plugin <paramref name="name"/>.</summary>
    public static IServiceCollection AddKernelPlugin<T>(this IServiceCollection services, string name)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton(sp => CreatePlugin(sp.GetRequiredService<T>(), name));
        return services;
    }

    /// <summary>
    /// A plugin from a capability object. Each of its kernel functions must say which kind it is —
    /// <see cref="ModelMayCallAttribute"/> or <see cref="DialogOnlyAttribute"/> — so a new function
    /// cannot reach a model by someone forgetting to mark it.
    /// </summary>
    public static KernelPlugin CreatePlugin(object capability, string name)
    {
        ArgumentNullException.ThrowIfNull(capability);
        foreach (var method in capability.GetType().GetMethods(BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic))
        {
            if (method.GetCustomAttribute<KernelFunctionAttribute>() is null)
            {
                continue;
            }

            var readOnly = method.GetCustomAttribute<ModelMayCallAttribute>() is not null;
            var sideEffect = method.GetCustomAttribute<DialogOnlyAttribute>() is not null;
            if (readOnly == sideEffect)
            {
                throw new InvalidOperationException($"{capability.GetType().Name}.{method.Name} must be marked either [ModelMayCall] (read-only) or [DialogOnly] (side effect).");
            }

            if (sideEffect && !method.GetParameters().Any(p => p.ParameterType == typeof(DialogGrant) && p.Name == DialogGrant.ArgumentName))
            {
                throw new InvalidOperationException($"{capability.GetType().Name}.{method.Name} is [DialogOnly] and must take a DialogGrant named '{DialogGrant.ArgumentName}'.");
            }
        }

        return KernelPluginFactory.CreateFromObject(capability, name);
    }
}
