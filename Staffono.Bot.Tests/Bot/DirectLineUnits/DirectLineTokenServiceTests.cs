using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Staffono.Bot.DirectLine;
using Staffono.Bot.Hosting;
using Staffono.Bot.Tests.Support;
using Xunit;

namespace Staffono.Bot.Tests.Bot.DirectLineUnits;

/// <summary>
/// Tokens and user credentials, including payloads this service would never issue: the test knows the
/// key, so it can sign anything, and checks each is still refused for what it is not.
/// </summary>
public sealed class DirectLineTokenServiceTests
{
    private static readonly byte[] Key = Enumerable.Range(0, 32).Select(i => (byte)(i * 7)).ToArray();
    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public void A_token_lasts_its_lifetime_to_the_second_and_a_credential_its_own()
    {
        var service = new DirectLineTokenService(Key, TimeSpan.FromMinutes(60), _clock);
        var token = service.Issue("c1", "u1", "ru-RU");
        var credential = service.IssueUserCredential("u1");

        _clock.Advance(TimeSpan.FromMinutes(60) - TimeSpan.FromSeconds(1));
        Assert.Equal(new DirectLineToken("c1", "u1", _clock.GetUtcNow().AddSeconds(1), "ru-RU"), service.Validate(token).Token);
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("The token has expired; start a new conversation or refresh the token before it expires.", service.Validate(token).Error);

        // The default credential lifetime is 180 days, to the second.
        _clock.Advance(TimeSpan.FromDays(180) - TimeSpan.FromMinutes(60) - TimeSpan.FromSeconds(1));
        Assert.Equal("u1", service.ValidateUserCredential(credential).UserId);
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("The user credential has expired; ask for a new identity without one.", service.ValidateUserCredential(credential).Error);
    }

    [Theory]
    [InlineData(null, "A Direct Line token is required.", "A credential is required.")]
    [InlineData("", "A Direct Line token is required.", "A credential is required.")]
    [InlineData("no-dot-here", "The token is malformed.", "The token is malformed.")]
    [InlineData("e30.AAAA", "The token is not valid.", "The token is not valid.")]
    [InlineData("@@.@@", "The token is malformed.", "The token is malformed.")]
    public void Text_that_is_not_a_signed_statement_is_refused_with_the_reason(string? text, string asToken, string asCredential)
    {
        var service = new DirectLineTokenService(Key, TimeSpan.FromMinutes(60), _clock);

        Assert.Equal((null, asToken), service.Validate(text));
        Assert.Equal((null, asCredential), service.ValidateUserCredential(text));
    }

    [Theory]
    [InlineData("""{"C":"c1","U":"u1","X":1900000000,"K":"user"}""")]          // a credential that names a conversation
    [InlineData("""{"U":"u1","X":1900000000}""")]                              // no conversation, no kind
    [InlineData("""{"C":"c1","U":"","X":1900000000}""")]                       // no user
    [InlineData("""{"C":"","U":"u1","X":1900000000}""")]                       // empty conversation
    [InlineData("""{"U":"","X":1900000000,"K":"user"}""")]                     // a credential for nobody
    [InlineData("""{"U":"u1","X":1900000000,"K":"admin"}""")]                  // another kind
    [InlineData("null")]
    [InlineData("{")]
    [InlineData("[1,2]")]
    public void A_signed_payload_of_the_wrong_shape_is_neither_a_token_nor_a_credential(string payload)
    {
        var service = new DirectLineTokenService(Key, TimeSpan.FromMinutes(60), _clock);
        var signed = Sign(payload);

        Assert.Null(service.Validate(signed).Token);
        Assert.Null(service.ValidateUserCredential(signed).UserId);
    }

    [Fact]
    public void Well_shaped_signed_payloads_are_exactly_one_of_the_two()
    {
        var service = new DirectLineTokenService(Key, TimeSpan.FromMinutes(60), _clock);

        Assert.Equal(("c1", "u1"), (service.Validate(Sign("""{"C":"c1","U":"u1","X":1900000000}""")).Token!.ConversationId, service.Validate(Sign("""{"C":"c1","U":"u1","X":1900000000}""")).Token!.UserId));
        Assert.Null(service.ValidateUserCredential(Sign("""{"C":"c1","U":"u1","X":1900000000}""")).UserId);
        Assert.Equal("u1", service.ValidateUserCredential(Sign("""{"U":"u1","X":1900000000,"K":"user"}""")).UserId);
        Assert.Null(service.Validate(Sign("""{"U":"u1","X":1900000000,"K":"user"}""")).Token);
    }

    [Fact]
    public void Without_a_configured_key_one_is_made_in_the_data_folder_and_kept_across_restarts()
    {
        using var folder = new TempFolder();
        var storage = Options.Create(new StorageOptions { DataFolder = Path.Combine(folder.Path, "fresh", "data") });
        var first = new DirectLineTokenService(Options.Create(new DirectLineOptions()), storage, _clock);
        var token = first.Issue("c1", "u1");

        var second = new DirectLineTokenService(Options.Create(new DirectLineOptions()), storage, _clock);

        Assert.True(File.Exists(Path.Combine(folder.Path, "fresh", "data", "directline.key")));
        Assert.Equal("c1", second.Validate(token).Token?.ConversationId);
    }

    private static string Sign(string payload)
    {
        var bytes = Encoding.UTF8.GetBytes(payload);
        return Base64Url(bytes) + "." + Base64Url(HMACSHA256.HashData(Key, bytes));
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
