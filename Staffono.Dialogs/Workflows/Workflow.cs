using Staffono.Dialogs.Engine;

namespace Staffono.Dialogs.Workflows;

/// <summary>
/// A use case as the main dialog sees it: its dialogs, and what starts it — intents, and buttons it put
/// under its own messages (a reminder's «Перенести»). The main dialog hosts every registered workflow
/// and routes to them without naming any; a workflow is added with one <c>AddXxxWorkflow()</c>.
/// </summary>
public abstract class Workflow
{
    /// <summary>The name its outcome events and handoffs carry ("booking").</summary>
    public abstract string Name { get; }

    /// <summary>The dialogs the main dialog hosts for it.</summary>
    public abstract IReadOnlyList<Dialog> Dialogs { get; }

    /// <summary>What starts it.</summary>
    public abstract IReadOnlyList<WorkflowEntry> Entries { get; }
}
