using System.Net;
using System.Text;

namespace Staffono.Bot.Leads;

/// <summary>The small pages a customer sees around a payment — the test checkout, and where Stripe sends them back — in one frame.</summary>
public static class PaymentPages
{
    /// <param name="body">HTML, already encoded by the caller.</param>
    /// <param name="testPayment">Marks the page as the host's test checkout, where no money moves.</param>
    public static IResult Render(HttpStatusCode status, string title, string body, bool testPayment = false) => Results.Content($$"""
        <!doctype html>
        <html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{WebUtility.HtmlEncode(title)}}</title>
        <style>
          body { font-family: system-ui, sans-serif; max-width: 28rem; margin: 2rem auto; padding: 0 1rem; }
          .test { background: #fff3cd; border: 1px solid #e0c25c; padding: .6rem .8rem; border-radius: .4rem; }
          .amount { font-size: 2rem; margin: 1rem 0; }
          button { font-size: 1.1rem; padding: .6rem 1.4rem; }
          .done { font-size: 1.4rem; color: #1a7f37; }
        </style></head>
        <body>
        {{(testPayment ? "<p class=\"test\"><b>ТЕСТОВЫЙ ПЛАТЁЖ / TEST PAYMENT</b> — деньги не списываются, это демонстрационная страница оплаты Staffono. No money moves; this is Staffono's demo checkout.</p>" : string.Empty)}}
        {{body}}
        </body></html>
        """, "text/html; charset=utf-8", Encoding.UTF8, (int)status);
}
