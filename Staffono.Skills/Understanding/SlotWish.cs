namespace Staffono.Skills.Understanding;

/// <summary>What a customer asks for instead of the times offered, when it is not a date or time of its own.</summary>
public enum SlotWish
{
    None,

    /// <summary>«а есть попозже?», "anything later?"</summary>
    Later,

    /// <summary>«пораньше можно?», "earlier?"</summary>
    Earlier,

    /// <summary>«в другой день», "another day"</summary>
    OtherDay,
}
