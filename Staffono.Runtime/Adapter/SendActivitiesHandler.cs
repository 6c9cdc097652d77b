using Staffono.Runtime.Schema;

namespace Staffono.Runtime.Adapter;

/// <summary>An on-send hook: inspect or change <paramref name="activities"/>, then call <paramref name="next"/> to send them.</summary>
public delegate Task<IReadOnlyList<ResourceResponse>> SendActivitiesHandler(
    ITurnContext turnContext,
    List<Activity> activities,
    Func<Task<IReadOnlyList<ResourceResponse>>> next);
