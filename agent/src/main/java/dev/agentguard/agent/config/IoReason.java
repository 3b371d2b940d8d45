package dev.agentguard.agent.config;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Why a file could not be read or written, in words for an operator: the one place that turns an
 * {@link IOException} into the end of "cannot read FILE: ...", for the configuration, the agent's own files,
 * the audit log and the command line. The JDK's file exceptions often carry only the path as their message,
 * which the caller prints already ("cannot read x: x" says nothing), so the exception's type speaks first;
 * never a stack trace.
 */
public final class IoReason {
  private IoReason() {}

  /**
   * The reason alone, for a message that names the file already: "no such file", "permission denied", the
   * file system's own reason ("not a directory"), else the exception's message, first letter in lower case.
   */
  public static String of(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    String reason = e instanceof FileSystemException f ? f.getReason() : e.getMessage();
    if (reason != null && !reason.isBlank()) {
      return lowerFirst(reason.strip());
    }
    if (e instanceof FileAlreadyExistsException) {
      return "it already exists";
    }
    if (e instanceof NotDirectoryException) {
      return "not a directory";
    }
    if (e instanceof DirectoryNotEmptyException) {
      return "directory not empty";
    }
    // A subclass without a message is named by its class (ClosedChannelException); a bare one says nothing more.
    return e.getClass() == IOException.class || e.getClass() == FileSystemException.class ? "input/output error"
        : e.getClass().getSimpleName();
  }

  /**
   * The reason for a failure on {@code path}, the file the caller's message names ({@code null} if it names
   * none): "it is a directory" for a directory; for a relative path that does not exist, the working directory
   * it was taken from (the agent runs in the host's, which its operator may not know); and the exception's own
   * file when that is another one (the parent directory, a temporary sibling).
   */
  public static String of(IOException e, Path path) {
    if (path != null && Files.isDirectory(path)) {
      return "it is a directory";
    }
    String reason = of(e);
    String file = e instanceof FileSystemException f ? f.getFile() : null;
    if (file != null && (path == null || !file.equals(path.toString())
        && !file.equals(path.toAbsolutePath().toString()))) {
      return reason + " (" + file + ")";
    }
    return e instanceof NoSuchFileException && path != null ? reason + workingDirectoryHint(path) : reason;
  }

  /** " (relative to the working directory: /abs/path)" for a relative path, "" for an absolute one. */
  static String workingDirectoryHint(Path path) {
    return path.isAbsolute() ? ""
        : " (relative to the working directory: " + path.toAbsolutePath().normalize() + ")";
  }

  /** "Stale file handle" reads "stale file handle"; an acronym ("HMAC key ...") keeps its capitals. */
  private static String lowerFirst(String s) {
    if (s.length() > 1 && Character.isUpperCase(s.charAt(1))) {
      return s;
    }
    return s.substring(0, 1).toLowerCase(Locale.ROOT) + s.substring(1);
  }
}
