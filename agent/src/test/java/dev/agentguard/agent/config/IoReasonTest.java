package dev.agentguard.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The words an operator reads after "cannot read FILE: ", never the path again and never a class name alone. */
class IoReasonTest {
  @TempDir
  Path dir;

  @Test
  void fileExceptionsAreWordsNotThePathAgain() {
    assertEquals("no such file", IoReason.of(new NoSuchFileException("/nope")));
    assertEquals("permission denied", IoReason.of(new AccessDeniedException("/etc/secret")));
    assertEquals("not a directory", IoReason.of(new FileSystemException("/x/y", null, "Not a directory")));
    assertEquals("it already exists", IoReason.of(new FileAlreadyExistsException("/x")));
  }

  @Test
  void otherwiseTheMessageWithALowerCaseFirstLetter() {
    assertEquals("stale file handle", IoReason.of(new IOException("Stale file handle")));
    assertEquals("no space left on device", IoReason.of(new IOException("No space left on device ")));
    assertEquals("HMAC key file is empty", IoReason.of(new IOException("HMAC key file is empty")));
  }

  @Test
  void noMessageSaysWhatIsKnown() {
    assertEquals("input/output error", IoReason.of(new IOException()));
    assertEquals("input/output error", IoReason.of(new IOException(" ")));
    assertEquals("input/output error", IoReason.of(new FileSystemException("/x")));
    assertEquals("ClosedChannelException", IoReason.of(new ClosedChannelException()));
  }

  @Test
  void aDirectoryIsSaidSoWhateverTheJdkSays() throws IOException {
    assertEquals("it is a directory", IoReason.of(new IOException("Is a directory"), dir));
    assertEquals("it is a directory", IoReason.of(new FileSystemException(dir.toString()), dir));
    Path file = Files.writeString(dir.resolve("f.txt"), "x");
    assertEquals("is a directory", IoReason.of(new IOException("Is a directory"), file));
  }

  @Test
  void aMissingRelativePathNamesTheWorkingDirectory() {
    Path relative = Path.of("no-such-dir", "agentguard.properties");
    assertEquals("no such file (relative to the working directory: " + relative.toAbsolutePath().normalize() + ")",
        IoReason.of(new NoSuchFileException(relative.toString()), relative));
    Path absolute = dir.resolve("absent.properties");
    assertEquals("no such file", IoReason.of(new NoSuchFileException(absolute.toString()), absolute));
    assertEquals("no such file", IoReason.of(new NoSuchFileException(relative.toAbsolutePath().toString()),
        relative.toAbsolutePath()));
  }

  @Test
  void anotherFileThanTheOneNamedIsNamedToo() {
    Path log = dir.resolve("logs/audit.jsonl");
    Path parent = log.getParent();
    assertEquals("permission denied (" + parent + ")", IoReason.of(new AccessDeniedException(parent.toString()), log));
    assertEquals("permission denied", IoReason.of(new AccessDeniedException(log.toString()), log));
    assertEquals("permission denied (" + log + ")", IoReason.of(new AccessDeniedException(log.toString()), null));
    assertEquals("disk quota exceeded", IoReason.of(new IOException("Disk quota exceeded"), null));
  }
}
