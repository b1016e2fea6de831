namespace Webhooks.Modular.Api.Management.Access;

/// <summary>What a route needs of its caller.</summary>
internal enum Permission
{
    /// <summary>Reading: any signed-in role, viewers included.</summary>
    Read,

    /// <summary>Changing something (replay, enable, disable, rotate): operators and up.</summary>
    Change,
}
