namespace Webhooks.Modular.Surfaces.DagNats.Triggers;

/// <summary>
/// Per-trigger secrets, one file each (<c>{name}.secret</c>, mode 0600 in a 0700 folder), so the database never holds
/// one: the trigger's hook names the file with a <c>file:</c> reference.
/// </summary>
internal sealed class SecretFiles(string directory)
{
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>The folder (absolute).</summary>
    public string Directory { get; } = directory;

    /// <summary>A trigger's secret file.</summary>
    /// <param name="trigger">The trigger's name.</param>
    public string PathOf(string trigger) => Path.Combine(Directory, trigger + ".secret");

    /// <summary>Writes (or replaces) a trigger's secret.</summary>
    /// <param name="trigger">The trigger's name.</param>
    /// <param name="secret">The secret.</param>
    public void Write(string trigger, string secret)
    {
        if (OperatingSystem.IsWindows())
        {
            System.IO.Directory.CreateDirectory(Directory);
        }
        else
        {
            System.IO.Directory.CreateDirectory(Directory, OwnerOnlyFolder);
        }

        // A new file, created with its final mode and then moved into place: the mode is never wider for a moment, a
        // file of that name left behind cannot pass on its own mode, and no reader sees half a secret.
        var path = PathOf(trigger);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnlyFile;
        }

        try
        {
            using (var writer = new StreamWriter(new FileStream(temporary, options)))
            {
                writer.Write(secret);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>Deletes a trigger's secret file, if it has one.</summary>
    /// <param name="trigger">The trigger's name.</param>
    public void Delete(string trigger)
    {
        // File.Delete ignores a missing file but not a missing folder (no trigger has had a secret yet).
        if (System.IO.Directory.Exists(Directory))
        {
            File.Delete(PathOf(trigger));
        }
    }
}
