namespace Staffono.Skills.Leads;

/// <summary>Kinds of premises a cleaning is quoted for.</summary>
public enum Premises
{
    Flat,
    House,
    Office,
}

/// <summary>How often the cleaning is wanted; regular cleanings get the formula's discount.</summary>
public enum CleaningFrequency
{
    Once,
    Monthly,
    Weekly,
}

/// <summary>What can be added to a cleaning.</summary>
public enum CleaningExtra
{
    Windows,
    Oven,
    DeepClean,
}

/// <summary>
/// The cleaning price formula: a base, per square metre, per room and per bathroom, extras, a multiplier per kind
/// of premises and a discount per frequency. What the customer has not said yet is taken over its typical range, so
/// a quote with gaps is a range that names them, and a complete one is one figure. Amounts round to <see cref="Rounding"/>.
/// </summary>
public sealed record CleaningFormula(
    decimal Base,
    decimal PerSquareMetre,
    decimal PerRoom,
    decimal PerBathroom,
    IReadOnlyDictionary<CleaningExtra, decimal> Extras,
    IReadOnlyDictionary<Premises, decimal> PremisesFactor,
    IReadOnlyDictionary<CleaningFrequency, decimal> FrequencyDiscountPercent,
    (int From, int To) TypicalArea,
    (int From, int To) TypicalRooms,
    (int From, int To) TypicalBathrooms,
    decimal Deposit,
    string JobServiceId,
    decimal Rounding = 100m)
{
    /// <summary>The estimate for what is known of the job; pure and allocation-light, so it runs on every answer.</summary>
    public CleaningEstimate Estimate(CleaningJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        var missing = CleaningFactor.None;
        var (areaLow, areaHigh) = job.AreaSquareMetres is { } area ? (area, area) : Missing(CleaningFactor.Area, TypicalArea, ref missing);
        var (roomsLow, roomsHigh) = job.Rooms is { } rooms ? (rooms, rooms) : Missing(CleaningFactor.Rooms, TypicalRooms, ref missing);
        var (bathLow, bathHigh) = job.Bathrooms is { } baths ? (baths, baths) : Missing(CleaningFactor.Bathrooms, TypicalBathrooms, ref missing);

        decimal factorLow, factorHigh;
        if (job.Premises is { } premises)
        {
            factorLow = factorHigh = PremisesFactor.GetValueOrDefault(premises, 1m);
        }
        else
        {
            missing |= CleaningFactor.Premises;
            factorLow = PremisesFactor.Count == 0 ? 1m : Math.Min(1m, PremisesFactor.Values.Min());
            factorHigh = PremisesFactor.Count == 0 ? 1m : Math.Max(1m, PremisesFactor.Values.Max());
        }

        decimal discountLow, discountHigh;    // the low price takes the biggest discount
        if (job.Frequency is { } frequency)
        {
            discountLow = discountHigh = FrequencyDiscountPercent.GetValueOrDefault(frequency, 0m);
        }
        else
        {
            missing |= CleaningFactor.Frequency;
            discountLow = FrequencyDiscountPercent.Count == 0 ? 0m : FrequencyDiscountPercent.Values.Max();
            discountHigh = FrequencyDiscountPercent.Count == 0 ? 0m : FrequencyDiscountPercent.Values.Min();
        }

        var extras = 0m;
        foreach (var extra in job.Extras)
        {
            extras += Extras.GetValueOrDefault(extra, 0m);
        }

        var low = Price(areaLow, roomsLow, bathLow, extras, factorLow, discountLow);
        var high = Price(areaHigh, roomsHigh, bathHigh, extras, factorHigh, discountHigh);
        return new CleaningEstimate(low, high, missing);
    }

    private decimal Price(int area, int rooms, int bathrooms, decimal extras, decimal factor, decimal discountPercent)
    {
        var raw = (Base + PerSquareMetre * area + PerRoom * rooms + PerBathroom * bathrooms + extras) * factor * (100m - discountPercent) / 100m;
        return Math.Round(raw / Rounding, MidpointRounding.AwayFromZero) * Rounding;
    }

    private static (int, int) Missing(CleaningFactor factor, (int From, int To) typical, ref CleaningFactor missing)
    {
        missing |= factor;
        return typical;
    }
}

/// <summary>What the customer has told about the cleaning so far; null is not said yet.</summary>
public sealed record CleaningJob(Premises? Premises, int? AreaSquareMetres, int? Rooms, int? Bathrooms, CleaningFrequency? Frequency, IReadOnlySet<CleaningExtra> Extras)
{
    public static CleaningJob Empty { get; } = new(null, null, null, null, null, new HashSet<CleaningExtra>());

    /// <summary>This job with what <paramref name="other"/> says on top (a later answer wins; extras add up).</summary>
    public CleaningJob With(CleaningJob other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new CleaningJob(
            other.Premises ?? Premises, other.AreaSquareMetres ?? AreaSquareMetres, other.Rooms ?? Rooms, other.Bathrooms ?? Bathrooms,
            other.Frequency ?? Frequency, Extras.Union(other.Extras).ToHashSet());
    }
}

/// <summary>The factors of a cleaning price a quote can miss.</summary>
[Flags]
public enum CleaningFactor
{
    None = 0,
    Premises = 1,
    Area = 2,
    Rooms = 4,
    Bathrooms = 8,
    Frequency = 16,
}

/// <summary>A quote: one figure when nothing is missing, otherwise a range and the factors that would narrow it.</summary>
public sealed record CleaningEstimate(decimal From, decimal To, CleaningFactor Missing)
{
    public bool Exact => Missing == CleaningFactor.None;
}
