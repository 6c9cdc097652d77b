using Staffono.Dialogs.Engine;
using Staffono.Dialogs.Workflows;
using Staffono.Skills.Understanding;

namespace Staffono.Dialogs.Support;

/// <summary>Order status (WORKFLOWS.md §3).</summary>
public sealed class OrderStatusWorkflow(OrderStatusDialog dialog) : Workflow
{
    public const string WorkflowName = "order_status";

    public override string Name => WorkflowName;

    public override IReadOnlyList<Dialog> Dialogs { get; } = [dialog];

    public override IReadOnlyList<WorkflowEntry> Entries { get; } = [WorkflowEntry.OnIntent(Intents.OrderStatus, OrderStatusDialog.DialogId, dc => dc.Context.Activity.Text)];
}
