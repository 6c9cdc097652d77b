using System.Text.Json;
using Microsoft.Playwright;
using Staffono.Bot.Tests.Support;
using Staffono.Dialogs.Handoff.Teams;
using Staffono.Skills.Handoff;
using Xunit;

namespace Staffono.Bot.Tests.Browser;

/// <summary>
/// Every shape of the ticket card, read by Microsoft's own Adaptive Cards renderer (npm adaptivecards 3.0.6) in
/// Chromium with a Teams-like host config: no parse warnings, no validation errors, and the text and buttons
/// an operator needs actually rendered.
/// </summary>
public sealed class TicketCardRenderingTests(TicketCardRenderingTests.CheckerPage checker) : IClassFixture<TicketCardRenderingTests.CheckerPage>
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 11, 5, 0, TimeSpan.Zero);
    private static readonly TimeZoneInfo Moscow = TimeZoneInfo.FindSystemTimeZoneById("Europe/Moscow");

    public static TheoryData<string, string> Cards() => new()
    {
        { "waiting", "ru" }, { "waiting", "en" }, { "claimed", "ru" }, { "claimed", "en" }, { "overdue", "ru" },
        { "closed", "en" }, { "returned", "ru" }, { "withdrawn", "en" }, { "bare", "ru" },
    };

    [Theory]
    [MemberData(nameof(Cards))]
    public async Task The_card_renders_in_the_adaptivecards_library_without_warnings(string shape, string language)
    {
        var ticket = Ticket(shape);
        var card = TicketCard.Build(ticket, language, Moscow, Now, shape == "bare" ? null : "https://bot.example.com/", ["aad-anna"]);

        var result = await CheckAsync(card);

        Assert.True(result.GetProperty("ok").GetBoolean(), $"{shape}/{language}: {result}");
        Assert.Empty(result.GetProperty("warnings").EnumerateArray());
        var text = result.GetProperty("textContent").GetString()!;
        Assert.Contains(TicketCard.StatusLine(ticket, language, Moscow, Now), text, StringComparison.Ordinal);
        Assert.Contains(ticket.Id, text, StringComparison.Ordinal);
        var verbs = result.GetProperty("actions").EnumerateArray().Where(a => a.GetProperty("type").GetString() == "Action.Execute").Select(a => a.GetProperty("verb").GetString()).ToList();
        var expected = ticket.State switch
        {
            HandoffState.Waiting => new[] { "claim", "close", "return" },
            HandoffState.Claimed => ["close", "return"],
            _ => [],
        };
        Assert.Equal(expected, verbs);
        Assert.All(result.GetProperty("actions").EnumerateArray().Where(a => a.GetProperty("type").GetString() == "Action.Execute"),
            a => Assert.Equal("Action.Submit", a.GetProperty("fallback").GetProperty("type").GetString()));
    }

    [Fact]
    public async Task The_checker_itself_flags_a_card_teams_cannot_show()
    {
        var card = JsonSerializer.SerializeToElement(new { type = "AdaptiveCard", version = "1.5", body = new object[] { new { type = "FancyWidget", text = "?" } } });

        var result = await CheckAsync(card);

        Assert.False(result.GetProperty("ok").GetBoolean());
        Assert.Contains("FancyWidget", result.GetProperty("warnings")[0].GetString(), StringComparison.Ordinal);
    }

    private async Task<JsonElement> CheckAsync(JsonElement card) =>
        await checker.Page.EvaluateAsync<JsonElement>("([c, h]) => checkCard(c, h)", new object[] { card.GetRawText(), "teams" });

    private static HandoffRecord Ticket(string shape)
    {
        var bare = new HandoffRecord(
            "H-7", "webchat/c-1", "{}", "webchat/u-1", shape == "bare" ? null : "Анна «Ромашка» Петрова", "ru", shape == "bare" ? "human" : "booking",
            "urgent: «Можно срочно записаться на стрижку сегодня? 🙏»",
            shape == "bare" ? new Dictionary<string, string>() : new Dictionary<string, string> { ["service"] = "Стрижка", ["location"] = "Бьюти на Тверской", ["wanted"] = "2026-11-24", ["name"] = "Анна" },
            shape == "bare" ? [] : [
                new TranscriptLine(true, "Можно срочно записаться на стрижку сегодня? 🙏 " + new string('ж', 400), Now.AddMinutes(-3)),
                new TranscriptLine(false, "Передал ваш запрос человеку", Now.AddMinutes(-3)),
                new TranscriptLine(true, "**жирный** <b>тег</b> & [ссылка](http://example.com)", Now.AddMinutes(-2)),
                new TranscriptLine(false, "Здравствуйте!", Now.AddMinutes(-1), "Anna Petrova"),
            ],
            Now.AddMinutes(-3))
        {
            Priority = shape == "bare" ? HandoffPriority.Normal : HandoffPriority.Urgent,
            ClaimBy = Now.AddMinutes(2),
            Summary = shape == "bare" ? string.Empty : "Анна (webchat), сценарий «запись». Причина: «urgent». Собрано: услуга: Стрижка.",
            Contact = shape == "bare" ? null : "+79161234567",
        };
        return shape switch
        {
            "claimed" => bare with { State = HandoffState.Claimed, ClaimedBy = "Anna Petrova", ClaimedAt = Now },
            "overdue" => bare with { EscalatedAt = Now },
            "closed" => bare with { State = HandoffState.Closed, ClaimedBy = "Anna Petrova", ClaimedAt = Now, FinishedAt = Now },
            "returned" => bare with { State = HandoffState.Returned, ClaimedBy = "Anna Petrova", ClaimedAt = Now, FinishedAt = Now },
            "withdrawn" => bare with { State = HandoffState.Withdrawn, FinishedAt = Now },
            _ => bare,
        };
    }

    /// <summary>One Chromium with the checker page open, shared by the class's tests.</summary>
    public sealed class CheckerPage : IAsyncLifetime
    {
        private IPlaywright _playwright = null!;
        private IBrowser _browser = null!;

        public IPage Page { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            var page = await IndependentCheckers.AdaptiveCardPageAsync();
            _playwright = await Playwright.CreateAsync();
            _browser = await Chromium.LaunchAsync(_playwright);
            Page = await _browser.NewPageAsync();
            await Page.GotoAsync(page.AbsoluteUri);
        }

        public async Task DisposeAsync()
        {
            await _browser.DisposeAsync();
            _playwright.Dispose();
        }
    }
}
