namespace Staffono.Runtime.Adapter;

/// <summary>
/// What the HTTP edge answers a channel: a status, and either a JSON body (expectReplies, invoke) or
/// a reason for a rejected request. Independent of ASP.NET so tests and Direct Line can use it.
/// </summary>
public sealed record ProcessResult(int Status, byte[]? JsonBody = null, string? Reason = null)
{
    public static readonly ProcessResult Ok = new(200);

    public static ProcessResult BadRequest(string reason) => new(400, Reason: reason);

    public static ProcessResult Unauthorized(string reason) => new(401, Reason: reason);

    public bool IsSuccess => Status is >= 200 and < 300;
}
