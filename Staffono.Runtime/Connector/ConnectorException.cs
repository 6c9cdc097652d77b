using System.Net;

namespace Staffono.Runtime.Connector;

/// <summary>
/// A Bot Connector call failed for good (after retries where retrying made sense): the HTTP status
/// and the connector's own error code (for example Teams' <c>MessageWritesBlocked</c>).
/// </summary>
public sealed class ConnectorException : Exception
{
    public ConnectorException(HttpStatusCode statusCode, string? errorCode, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        ErrorCode = errorCode;
    }

    public HttpStatusCode StatusCode { get; }

    public string? ErrorCode { get; }
}
