package dev.haguard.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The figures of one {@code make bench} run: printed as a table, written as JSON with the machine they ran on. */
final class Report {
  private final List<Figure> figures = new ArrayList<>();

  void add(Figure figure) {
    figures.add(figure);
    System.err.printf("bench: %s = %s %s%s%n", figure.name(), Figure.format(figure.value()), figure.unit(),
        figure.target() == null ? "" : " (target " + figure.target() + (figure.met() ? ", met)" : ", NOT met)"));
  }

  void addAll(List<Figure> more) {
    more.forEach(this::add);
  }

  void printTable(PrintStream out) {
    int nameWidth = figures.stream().mapToInt(f -> f.name().length()).max().orElse(10);
    String row = "%-" + nameWidth + "s  %12s  %-6s  %-10s  %s%n";
    out.printf(row, "FIGURE", "VALUE", "UNIT", "TARGET", "MET");
    for (Figure f : figures) {
      out.printf(row, f.name(), Figure.format(f.value()), f.unit(), f.target() == null ? "-" : f.target(),
          f.met() == null ? "-" : f.met() ? "yes" : "NO");
    }
    long missed = figures.stream().filter(f -> Boolean.FALSE.equals(f.met())).count();
    out.printf("%d figures, %d with a target, %d not met%n", figures.size(),
        figures.stream().filter(f -> f.met() != null).count(), missed);
  }

  void writeJson(Path file) throws IOException {
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("machine", Machine.describe());
    document.put("figures", figures);
    Files.createDirectories(file.toAbsolutePath().getParent());
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), document);
  }
}
