package dev.agentguard.itest.host;

/** Overrides an annotated superclass method and calls super: one call, one record. */
public class CsvReport extends BaseReport {
  @Override
  public String export(String name) {
    return super.export(name) + ".csv";
  }
}
