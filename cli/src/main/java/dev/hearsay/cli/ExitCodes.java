package dev.hearsay.cli;

import dev.hearsay.crypto.InvalidIdentityException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;

/**
 * One exit-code convention for every command, and one line on stderr saying why:
 * 0 success, 1 the command failed, 2 invalid input.
 */
public final class ExitCodes implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {
  public static final int OK = 0;
  public static final int FAILED = 1;
  public static final int INVALID_INPUT = 2;

  @Override
  public int handleExecutionException(Exception e, CommandLine cmd, CommandLine.ParseResult parseResult) {
    PrintWriter err = cmd.getErr();
    int code;
    String message;
    if (e instanceof InvalidInputException || e instanceof InvalidIdentityException || e instanceof IllegalArgumentException
        || e instanceof CommandLine.TypeConversionException) {
      code = INVALID_INPUT;
      message = e.getMessage();
    } else if (e instanceof NoSuchFileException missing) {
      code = FAILED;
      message = "no such file: " + missing.getFile();
    } else if (e instanceof AccessDeniedException denied) {
      code = FAILED;
      message = "permission denied: " + denied.getFile();
    } else if (e instanceof IOException || e instanceof UncheckedIOException) {
      code = FAILED;
      message = e.getMessage();
    } else {
      code = FAILED;
      message = e.getClass().getSimpleName() + ": " + e.getMessage();
    }
    err.println(cmd.getCommandSpec().qualifiedName() + ": " + message);
    err.flush();
    return code;
  }

  /** A usage error: one line saying what is wrong and where the help is, not the whole manual. */
  @Override
  public int handleParseException(CommandLine.ParameterException e, String[] args) {
    CommandLine cmd = e.getCommandLine();
    PrintWriter err = cmd.getErr();
    err.println(cmd.getCommandSpec().qualifiedName() + ": " + e.getMessage()
        + " (see '" + cmd.getCommandSpec().qualifiedName() + " --help')");
    err.flush();
    return INVALID_INPUT;
  }

  /** Input that is well formed for the parser but wrong for the command (exit code 2). */
  public static final class InvalidInputException extends RuntimeException {
    public InvalidInputException(String message) {
      super(message);
    }
  }
}
