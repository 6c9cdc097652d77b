using System.Text;

namespace Staffono.Bench.Runtime;

/// <summary>Realistic activities for benchmarks.</summary>
internal static class BenchmarkActivities
{
    /// <summary>
    /// A web chat message of exactly 2,048 bytes on the wire, shaped as Web Chat 4.18 posts it, filled
    /// up by the customer's text: about 1,330 letters in English, about 700 in Russian (two bytes each
    /// in UTF-8, so fewer letters fill the same bytes).
    /// </summary>
    public static string WebchatMessage2Kb(string language = "en")
    {
        var russian = language == "ru";
        var sentence = russian
            ? "Волосы длинные и густые, так что заложите времени с запасом; могу и в пятницу утром. "
            : "My hair is long and thick, so please allow enough time; I can also come on Friday morning. ";
        var text = new StringBuilder(russian
            ? "Здравствуйте! Хочу записаться на стрижку и окрашивание завтра после 18:00 в салон на Тверской. "
            : "Hello! I'd like to book a haircut and colouring for tomorrow after 6 pm at the Tverskaya salon. ");
        while (Encoding.UTF8.GetByteCount(Render(text.ToString(), russian)) < 2048)
        {
            text.Append(sentence);
        }

        while (Encoding.UTF8.GetByteCount(Render(text.ToString(), russian)) > 2048)
        {
            text.Length--;
        }

        return Render(text.ToString().TrimEnd() + new string('.', 2048 - Encoding.UTF8.GetByteCount(Render(text.ToString().TrimEnd(), russian))), russian);
    }

    private static string Render(string text, bool russian) =>
        ("{\"type\":\"message\",\"id\":\"Kx3ZbP9a4Hj2nQ7r1mL8t-us|0000003\",\"timestamp\":\"2026-11-24T09:15:02.5120394Z\"," +
         "\"localTimestamp\":\"2026-11-24T12:15:02.48+03:00\",\"localTimezone\":\"Europe/Moscow\"," +
         "\"serviceUrl\":\"https://webchat.botframework.com/\",\"channelId\":\"webchat\"," +
         "\"from\":{\"id\":\"dl_7f3c2a9b1e\",\"name\":\"Anna\",\"role\":\"user\"}," +
         "\"conversation\":{\"id\":\"Kx3ZbP9a4Hj2nQ7r1mL8t-us\"}," +
         "\"recipient\":{\"id\":\"staffono-bot@AbCdEf\",\"name\":\"Staffono\"}," +
         "\"textFormat\":\"plain\",\"locale\":\"" + (russian ? "ru-RU" : "en-US") + "\",\"text\":\"" + text + "\"," +
         "\"attachments\":[]," +
         "\"entities\":[{\"type\":\"ClientCapabilities\",\"requiresBotState\":true,\"supportsListening\":true,\"supportsTts\":true}]," +
         "\"channelData\":{\"clientActivityID\":\"1764011702480a8x2kq9vpl\",\"clientTimestamp\":\"2026-11-24T09:15:02.480Z\"}}");
}
