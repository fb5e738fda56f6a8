// What a command's -f becomes once read (input-file.ts): one file, stdin, a URL's in-memory
// Komposer, or several files merged (several-files-input.ts); the one shape both build.
import type { Issue } from '../shared/errors.js';

export interface InputFile {
  /** Where it is placed: the file, or `<stdin>` in the working directory. */
  path: string;
  /** As messages name it: as the user gave it, or `<stdin>`. */
  label: string;
  /** The content, when it came from stdin (or is an in-memory Komposer). */
  text?: string;
  /** Where the resolver places the Komposer when not at its label (several files: the label is a list). */
  komposerPath?: string;
  /** Several files, one a Komposer: the others, relative to its directory, imported after its own. */
  extraFiles?: string[];
  /** Several files: how messages name the in-memory Komposer's directory (the working directory). */
  baseDirName?: string;
  /** Several files: names the resolver's issues after the listed files (several-files-issues.ts). */
  nameIssue?: (issue: Issue) => Issue;
}
