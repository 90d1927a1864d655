package dev.likesbot;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameEndingWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.GeneralCodingRules;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The package rules of shared/STYLE.md, checked on the production classes. */
class ArchitectureTest {
  private static final JavaClasses MAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.likesbot");

  private static void onlyPackageUses(String ownPackage, String... libraryPackages) {
    noClasses()
        .that()
        .resideOutsideOfPackage(ownPackage)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(libraryPackages)
        .because("only " + ownPackage + " may know that library")
        .check(MAIN);
  }

  /** ARCHITECTURE.md maps every package: a new one is not done until the map names it. */
  @Test
  void theArchitectureMapNamesEveryPackage() throws IOException {
    Path root = Path.of("src/main/java/dev/likesbot");
    String map = Files.readString(Path.of("ARCHITECTURE.md"), StandardCharsets.UTF_8);
    try (Stream<Path> dirs = Files.walk(root)) {
      assertThat(
              dirs.filter(Files::isDirectory)
                  .filter(d -> !d.equals(root))
                  .map(d -> "`" + root.relativize(d).toString().replace('\\', '/') + "/`")
                  .collect(Collectors.toList()))
          .isNotEmpty()
          .allSatisfy(name -> assertThat(map).as("ARCHITECTURE.md names %s", name).contains(name));
    }
  }

  @Test
  void onlyTheDiscordPackageKnowsJda() {
    onlyPackageUses("dev.likesbot.discord..", "net.dv8tion..");
  }

  @Test
  void onlyTheWebPackageKnowsJavalin() {
    onlyPackageUses("dev.likesbot.web..", "io.javalin..", "org.eclipse.jetty..");
  }

  @Test
  void onlyTheWebApiAdapterKnowsTheSpotifyLibrary() {
    onlyPackageUses("dev.likesbot.spotify.webapi..", "se.michaelthelin..", "org.apache.hc..");
  }

  @Test
  void onlyTheMetricsPackageKnowsMicrometer() {
    onlyPackageUses("dev.likesbot.metrics..", "io.micrometer..", "io.prometheus..");
  }

  @Test
  void onlyTheLoggingPackageKnowsLogback() {
    onlyPackageUses("dev.likesbot.logging..", "ch.qos.logback..", "net.logstash..");
  }

  @Test
  void onlyTheStoreKnowsJdbcMigrationsAndTheConnectionPool() {
    onlyPackageUses(
        "dev.likesbot.store..",
        "java.sql..",
        "org.sqlite..",
        "org.flywaydb..",
        "com.zaxxer.hikari..",
        "org.postgresql..");
  }

  @Test
  void onlyTheStoreEncrypts() {
    onlyPackageUses("dev.likesbot.store..", "javax.crypto..");
  }

  @Test
  void featurePackagesHaveNoCycles() {
    slices().matching("dev.likesbot.(*)..").should().beFreeOfCycles().check(MAIN);
  }

  @Test
  void servicesDoNotReachIntoTheWebServerOrTheAdapters() {
    noClasses()
        .that()
        .resideInAnyPackage("dev.likesbot.link..", "dev.likesbot.likes..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.likesbot.web..", "dev.likesbot.spotify.webapi..")
        .check(MAIN);
    noClasses()
        .that()
        .resideInAnyPackage("dev.likesbot.link..", "dev.likesbot.likes..")
        .should()
        .dependOnClassesThat()
        .haveSimpleName("JdbcStore")
        .check(MAIN);
  }

  @Test
  void wholeLibraryReadsKnowNeitherDiscordNorTheSpotifyLibraryNorTheFeatures() {
    noClasses()
        .that()
        .resideInAPackage("dev.likesbot.library..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.likesbot.discord..",
            "dev.likesbot.spotify.webapi..",
            "dev.likesbot.likes..",
            "dev.likesbot.link..",
            "dev.likesbot.tokens..",
            "dev.likesbot.store..",
            "net.dv8tion..",
            "se.michaelthelin..")
        .because("an export and the stats share the reader; Spotify comes in through its port")
        .check(MAIN);
  }

  @Test
  void likesAndLinkAreSiblingsAboveTheTokenOwner() {
    noClasses()
        .that()
        .resideInAPackage("dev.likesbot.likes..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.likesbot.link..")
        .because("a feature asks tokens/ for a member's tokens, never another feature")
        .check(MAIN);
    noClasses()
        .that()
        .resideInAPackage("dev.likesbot.link..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.likesbot.likes..")
        .because("a feature asks tokens/ for a member's tokens, never another feature")
        .check(MAIN);
    noClasses()
        .that()
        .resideInAPackage("dev.likesbot.tokens..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.likesbot.likes..", "dev.likesbot.link..")
        .because("features register listeners on tokens/; it never calls up into them")
        .check(MAIN);
  }

  @Test
  void servicesAndTheTokenOwnerSpeakNeitherDiscordNorHttp() {
    noClasses()
        .that(
            resideInAnyPackage("dev.likesbot.link..", "dev.likesbot.likes..")
                .and(simpleNameEndingWith("Service")))
        .or()
        .resideInAPackage("dev.likesbot.tokens..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.likesbot.discord..",
            "dev.likesbot.web..",
            "net.dv8tion..",
            "io.javalin..",
            "org.eclipse.jetty..")
        .because("they answer in domain outcomes; discord/ and web/ render them")
        .check(MAIN);
  }

  @Test
  void timeIsInjectedNotRead() {
    noClasses()
        .should()
        .callMethod(Instant.class, "now")
        .orShould()
        .callMethod(System.class, "currentTimeMillis")
        .orShould()
        .callMethod(Clock.class, "systemUTC")
        .check(MAIN);
  }

  @Test
  void noConsolePrintsOrStackTraces() {
    GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS.check(MAIN);
  }

  @Test
  void logsGoThroughSlf4j() {
    noClasses().should().dependOnClassesThat().resideInAPackage("java.util.logging..").check(MAIN);
  }
}
