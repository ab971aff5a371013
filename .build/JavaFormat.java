import com.google.googlejavaformat.java.Main;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Runs google-java-format over every .java file below the given directories (but not in target,
 * node_modules or .git). Mode "check" fails the build and names each file that is not formatted;
 * mode "apply" rewrites them in place.
 *
 * <p>Usage: java -cp google-java-format.jar JavaFormat.java check|apply DIR...
 */
class JavaFormat {
  private static final List<String> SKIPPED = List.of("/target/", "/node_modules/", "/.git/");

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    List<String> files = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      Path dir = Path.of(args[i]);
      if (!Files.isDirectory(dir)) continue;
      try (Stream<Path> walk = Files.walk(dir)) {
        walk.filter(p -> p.toString().endsWith(".java"))
            .filter(p -> SKIPPED.stream().noneMatch(s -> p.toString().contains(s)))
            .forEach(p -> files.add(p.toString()));
      }
    }
    if (files.isEmpty()) return;
    List<String> gjf = new ArrayList<>();
    if (mode.equals("apply")) {
      gjf.add("--replace");
    } else if (mode.equals("check")) {
      gjf.addAll(List.of("--dry-run", "--set-exit-if-changed"));
    } else {
      throw new IllegalArgumentException("mode must be check or apply, not " + mode);
    }
    gjf.addAll(files);
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    int rc = new Main(out, err, InputStream.nullInputStream()).format(gjf.toArray(String[]::new));
    if (rc != 0 && mode.equals("check")) {
      err.println("The files above are not formatted. Run: mvn -N process-sources -Dformat=apply");
    }
    System.exit(rc);
  }
}
