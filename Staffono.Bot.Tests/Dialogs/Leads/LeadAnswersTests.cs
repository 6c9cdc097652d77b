using Staffono.Dialogs.Leads;
using Staffono.Skills.Leads;
using Staffono.Skills.Understanding;
using Xunit;

namespace Staffono.Bot.Tests.Dialogs.Leads;

/// <summary>
/// What a lead's message tells, read in Russian and in English: the place against the demo service area, how soon, the
/// budget (and what only looks like one), who decides, the phone and e-mail, and a cleaning's premises, area, rooms,
/// bathrooms, frequency and extras. Each row is a message as a customer writes it and what the bot must take from it.
/// </summary>
public sealed class LeadAnswersTests
{
    /// <summary>Tuesday 1 December 2026.</summary>
    private static readonly DateTime Today = new(2026, 12, 1);

    private static readonly LeadsSetup Setup = LeadsLoader.Load(Path.Combine(AppContext.BaseDirectory, "Business", "demo-leads.yaml"));

    private static readonly DateTimeRecognizer Dates = new();

    [Theory]
    [InlineData("Нужна уборка в Химках", Signal.Yes, "Химках")]
    [InlineData("Живу в Москве, на Соколе", Signal.Yes, "Москва")]
    [InlineData("Мытищи, Олимпийский проспект", Signal.Yes, "Мытищи")]
    [InlineData("we are in Moscow", Signal.Yes, "Moscow")]
    [InlineData("a flat in Krasnogorsk", Signal.Yes, "Krasnogorsk")]
    [InlineData("в Твери", Signal.No, "Твери")]
    [InlineData("я из Казани", Signal.No, "Казани")]
    [InlineData("нужен ремонт в Нижнем Новгороде", Signal.No, "Нижнем Новгороде")]
    [InlineData("I live in Kazan", Signal.No, "Kazan")]
    [InlineData("хочу генеральную уборку квартиры", Signal.Unknown, null)]
    [InlineData("need a deep clean of my flat", Signal.Unknown, null)]
    // A capital preposition opening the message names a place all the same.
    [InlineData("В Твери нужна уборка", Signal.No, "Твери")]
    [InlineData("In Kazan, a two-room flat", Signal.No, "Kazan")]
    // A month after "in" is a time, not a place: nothing is said about where.
    [InlineData("Cleaning in December, please", Signal.Unknown, null)]
    public void A_place_is_in_the_area_out_of_it_or_not_named(string text, Signal inArea, string? place)
    {
        var (signal, named) = LeadAnswers.Place(Setup.Area, text);

        Assert.Equal((inArea, place), (signal, named));
    }

    [Theory]
    [InlineData("срочно", 1)]
    [InlineData("нужно как можно скорее", 1)]
    [InlineData("asap please", 1)]
    [InlineData("через 2 недели", 14)]
    [InlineData("in 3 weeks", 21)]
    [InlineData("через 2 месяца", 60)]
    [InlineData("in 2 months", 60)]
    [InlineData("в этом месяце", 14)]
    [InlineData("в следующем месяце", 40)]
    [InlineData("next month", 40)]
    [InlineData("no rush, just looking", 365)]
    [InlineData("присматриваюсь, в следующем году", 365)]
    // A date read by the recognizer: 20 December is 19 days after 1 December.
    [InlineData("к 20 декабря", 19)]
    [InlineData("by 20 December", 19)]
    [InlineData("хочу уборку", null)]
    [InlineData("I need a cleaning", null)]
    // «не срочно» and "not urgent" are far off, not urgent.
    [InlineData("не срочно", 365)]
    [InlineData("not urgent", 365)]
    // Counts in words are counts.
    [InlineData("в течение двух недель", 14)]
    [InlineData("через три месяца", 90)]
    [InlineData("in two months", 60)]
    public void How_soon_is_read_from_words_or_a_date(string text, int? days)
    {
        Assert.Equal(days, LeadAnswers.DaysUntil(text, Today, Dates));
    }

    [Fact]
    public void A_date_already_past_this_year_is_next_years()
    {
        // 20 November 2027 is 354 days after 1 December 2026.
        Assert.Equal(354, LeadAnswers.DaysUntil("к 20 ноября", Today, Dates));
        Assert.Equal(0, LeadAnswers.DaysUntil("1 декабря", Today, Dates));
    }

    [Theory]
    [InlineData("до 30 тысяч", 30000)]
    [InlineData("5k", 5000)]
    [InlineData("around 5k", 5000)]
    [InlineData("15 000 ₽", 15000)]
    [InlineData("бюджет 20000", 20000)]
    [InlineData("budget 7000 rub", 7000)]
    [InlineData("up to 10 thousand", 10000)]
    [InlineData("около 8 тыс. руб", 8000)]
    [InlineData("в пределах 12 000 р.", 12000)]
    [InlineData("10к", 10000)]
    [InlineData("двушка 54 м², бюджет до 5 тысяч", 5000)]
    [InlineData("54 м2", null)]
    [InlineData("до 25 декабря", null)]
    [InlineData("позвоните +7 916 123-45-67", null)]
    [InlineData("до 18:00", null)]
    [InlineData("дом примерно 150 м2", null)]
    [InlineData("хочу уборку", null)]
    // An area is not a budget, even after «около» / "about".
    [InlineData("офис около 600 м2", null)]
    [InlineData("about 800 sq m", null)]
    public void A_budget_is_a_number_with_money_words_around_it(string text, int? budget)
    {
        Assert.Equal((decimal?)budget, LeadAnswers.Budget(text));
    }

    [Fact]
    public void A_budget_may_have_a_decimal_comma_before_thousands()
    {
        Assert.Equal(3500m, LeadAnswers.Budget("бюджет 3,5 тыс"));
        Assert.Equal(2500m, LeadAnswers.Budget("up to 2.5k"));
    }

    [Theory]
    [InlineData("решаю я", Signal.Yes)]
    [InlineData("я сама", Signal.Yes)]
    [InlineData("It's my decision", Signal.Yes)]
    [InlineData("I decide", Signal.Yes)]
    [InlineData("it's up to me", Signal.Yes)]
    [InlineData("нужно согласовать с мужем", Signal.No)]
    [InlineData("посоветуюсь с женой", Signal.No)]
    [InlineData("не я решаю", Signal.No)]
    [InlineData("I need to check with my boss", Signal.No)]
    [InlineData("my wife decides", Signal.No)]
    [InlineData("хочу уборку", Signal.Unknown)]
    [InlineData("I need a deep clean", Signal.Unknown)]
    // "me" in another sense says nothing about who decides.
    [InlineData("Please call me tomorrow", Signal.Unknown)]
    public void Who_decides_is_yes_no_or_unknown(string text, Signal decides)
    {
        Assert.Equal(decides, LeadAnswers.DecisionMaker(text));
    }

    [Theory]
    [InlineData("+7 916 123-45-67", "+7 916 123-45-67")]
    [InlineData("8 (916) 123-45-67, звоните", "8 (916) 123-45-67")]
    [InlineData("тел. 9161234567", "9161234567")]
    [InlineData("call +1 212 555 01 23", "+1 212 555 01 23")]
    [InlineData("номер 12345", null)]
    [InlineData("54 м2, 2 санузла", null)]
    [InlineData("89161234567", "89161234567")]
    // The whole number after a word, its leading 8 included.
    [InlineData("мой номер 89161234567", "89161234567")]
    public void A_phone_is_taken_as_written(string text, string? phone)
    {
        Assert.Equal(phone, LeadAnswers.Phone(text));
    }

    [Fact]
    public void Phones_written_differently_are_one_number()
    {
        var key = LeadContact.PhoneKey("+7 916 123-45-67");

        Assert.Equal("9161234567", key);
        Assert.Equal(key, LeadContact.PhoneKey("8 (916) 1234567"));
        Assert.Equal(key, LeadContact.PhoneKey("9161234567"));
        Assert.Null(LeadContact.PhoneKey("123-45-67"));
        Assert.Null(LeadContact.PhoneKey(null));
        Assert.Equal("anna@example.com", LeadContact.EmailKey("  Anna@Example.COM "));
        Assert.Null(LeadContact.EmailKey(" "));
    }

    [Theory]
    [InlineData("anna@example.com", "anna@example.com")]
    [InlineData("пишите на Anna.Petrova@Mail.ru пожалуйста", "Anna.Petrova@Mail.ru")]
    [InlineData("нет почты", null)]
    [InlineData("call me at 5 @ the office", null)]
    // The full stop or comma after an address ends the sentence, not the address.
    [InlineData("my email is anna@example.com.", "anna@example.com")]
    [InlineData("anna@example.com, спасибо", "anna@example.com")]
    public void An_email_is_taken_as_written(string text, string? email)
    {
        Assert.Equal(email, LeadAnswers.Email(text));
    }

    [Theory]
    [InlineData("двушка 54 м², 1 санузел, раз в неделю, помыть окна", Premises.Flat, 54, 2, 1, CleaningFrequency.Weekly, "Windows")]
    [InlineData("3-room house 120 sq m, 2 bathrooms, monthly, oven", Premises.House, 120, 3, 2, CleaningFrequency.Monthly, "Oven")]
    [InlineData("офис 200 кв.м, разовая генеральная уборка", Premises.Office, 200, null, null, CleaningFrequency.Once, "DeepClean")]
    [InlineData("студия 30 м2", Premises.Flat, 30, 1, null, null, "")]
    [InlineData("трёхкомнатная квартира, 2 ванные, каждую неделю, духовка", Premises.Flat, null, 3, 2, CleaningFrequency.Weekly, "Oven")]
    [InlineData("2-bedroom flat, 65 m2, one bathroom, once, windows and deep clean", Premises.Flat, 65, 2, 1, CleaningFrequency.Once, "Windows DeepClean")]
    [InlineData("коттедж 250 метров, 3 санузла, раз в месяц", Premises.House, 250, null, 3, CleaningFrequency.Monthly, "")]
    [InlineData("квартира 45м2 2к", Premises.Flat, 45, 2, null, null, "")]
    [InlineData("apartment 80 square metres, 3 bedrooms", Premises.Flat, 80, 3, null, null, "")]
    [InlineData("one-off cleaning of a studio", Premises.Flat, null, 1, null, CleaningFrequency.Once, "")]
    [InlineData("хочу уборку", null, null, null, null, null, "")]
    // A bare number answers "how many square metres?"; too small or too big it is not an area.
    [InlineData("60", null, 60, null, null, null, "")]
    [InlineData("примерно 60", null, 60, null, null, null, "")]
    [InlineData("3", null, null, null, null, null, "")]
    [InlineData("5000", null, null, null, null, null, "")]
    // Plural "baths" are bathrooms too.
    [InlineData("flat 70 m2, 2 rooms, 2 baths", Premises.Flat, 70, 2, 2, null, "")]
    // «дома» is where the customer will be; the premises is the flat they named.
    [InlineData("квартира 54 м2, буду дома в субботу", Premises.Flat, 54, null, null, null, "")]
    public void A_cleaning_message_gives_only_what_it_names(string text, Premises? premises, int? area, int? rooms, int? bathrooms, CleaningFrequency? frequency, string extras)
    {
        var job = LeadAnswers.Cleaning(text);

        Assert.Equal(premises, job.Premises);
        Assert.Equal(area, job.AreaSquareMetres);
        Assert.Equal(rooms, job.Rooms);
        Assert.Equal(bathrooms, job.Bathrooms);
        Assert.Equal(frequency, job.Frequency);
        Assert.Equal(
            extras.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(e => Enum.Parse<CleaningExtra>(e)).Order().ToArray(),
            job.Extras.Order().ToArray());
    }

    [Fact]
    public void A_later_cleaning_answer_adds_to_the_earlier_one()
    {
        var first = LeadAnswers.Cleaning("двушка, помыть окна");
        var second = first.With(LeadAnswers.Cleaning("54 м², 1 санузел, раз в неделю, и духовку"));

        Assert.Equal((Premises.Flat, (int?)null, 2), (first.Premises!.Value, first.AreaSquareMetres, first.Rooms!.Value));
        Assert.Equal((Premises.Flat, 54, 2, 1, CleaningFrequency.Weekly), (second.Premises!.Value, second.AreaSquareMetres!.Value, second.Rooms!.Value, second.Bathrooms!.Value, second.Frequency!.Value));
        Assert.Equal([CleaningExtra.Windows, CleaningExtra.Oven], second.Extras.Order());
    }

    [Fact]
    public void A_quote_draft_keeps_only_what_is_known_in_the_crms_words()
    {
        var draft = new QuoteDraft("L-1001", Premises.Flat, 54, 2, null, CleaningFrequency.Weekly, [CleaningExtra.Windows, CleaningExtra.DeepClean], new DateTime(2026, 12, 5));

        var answers = draft.Answers();

        Assert.Equal(
            [("area_m2", "54"), ("date", "2026-12-05"), ("extras", "windows,deepclean"), ("frequency", "weekly"), ("premises", "flat"), ("project", "cleaning"), ("rooms", "2")],
            answers.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => (a.Key, a.Value)));
        Assert.Equal(CleaningFactor.Bathrooms, Setup.Cleaning.Estimate(draft.Job).Missing);
    }

    [Fact]
    public void A_lead_draft_keeps_only_what_is_known_in_the_crms_words()
    {
        var draft = new LeadDraft("repair", Place: "Химках", Days: 14, Budget: 30000m, DecisionMaker: Signal.No);

        var answers = draft.Answers();

        Assert.Equal(
            [("budget", "30000"), ("decision_maker", "no"), ("location", "Химках"), ("project", "repair"), ("timeline_days", "14")],
            answers.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => (a.Key, a.Value)));
        Assert.Equal([("project", "cleaning")], new LeadDraft("cleaning").Answers().Select(a => (a.Key, a.Value)));
    }
}
