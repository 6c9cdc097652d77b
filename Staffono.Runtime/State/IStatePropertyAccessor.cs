using Staffono.Runtime.Adapter;

namespace Staffono.Runtime.State;

/// <summary>A typed property of conversation or user state, read lazily and saved at the end of the turn.</summary>
public interface IStatePropertyAccessor<T>
{
    string Name { get; }

    /// <summary>The stored value; if there is none, the factory's value (kept for saving), else default.</summary>
    Task<T?> GetAsync(ITurnContext turnContext, Func<T>? defaultValueFactory = null, CancellationToken cancellationToken = default);

    Task SetAsync(ITurnContext turnContext, T value, CancellationToken cancellationToken = default);

    Task DeleteAsync(ITurnContext turnContext, CancellationToken cancellationToken = default);
}
