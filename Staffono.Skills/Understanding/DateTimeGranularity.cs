namespace Staffono.Skills.Understanding;

/// <summary>How precise a recognized moment is (DATETIME.md): the start alone means little without it.</summary>
public enum DateTimeGranularity
{
    Minute,
    Hour,
    PartOfDay,
    Day,
    Week,
}
