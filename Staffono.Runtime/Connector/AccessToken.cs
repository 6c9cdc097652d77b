namespace Staffono.Runtime.Connector;

/// <summary>A bearer token and when it stops being valid.</summary>
public readonly record struct AccessToken(string Value, DateTimeOffset ExpiresOn);
