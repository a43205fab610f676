package dev.shepherd.partition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class GatesTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  private static Instant at(String instant) {
    return Instant.parse(instant);
  }

  @Test
  void aWindowKeepsItsLocalHoursWhenTheClocksGoBack() {
    DeployWindow window = DeployWindow.parse("Mon-Fri 09:00-16:00 Europe/Berlin");

    // Berlin leaves summer time on 2026-10-25: 09:00 local is 07:00 UTC before, 08:00 after.
    assertThat(window.contains(at("2026-10-23T07:00:00Z"))).isTrue();
    assertThat(window.contains(at("2026-10-26T07:00:00Z"))).isFalse();
    assertThat(window.nextOpening(at("2026-10-23T15:00:00Z"))).contains(at("2026-10-26T08:00:00Z"));
  }

  @Test
  void anOpeningInsideASpringForwardGapMovesToJustAfterIt() {
    DeployWindow window = DeployWindow.parse("Sun 02:30-05:00 Europe/Berlin");

    // 2027-03-28 02:00-03:00 does not exist in Berlin: 02:30 becomes 03:30 CEST (01:30 UTC).
    assertThat(window.nextOpening(at("2027-03-27T12:00:00Z"))).contains(at("2027-03-28T01:30:00Z"));
  }

  @Test
  void daysWrapAroundTheWeekAndListsCombine() {
    DeployWindow window = DeployWindow.parse("Fri-Mon,Wed 10:00-11:00 UTC");

    assertThat(window.days())
        .extracting(Enum::name)
        .containsExactlyInAnyOrder("FRIDAY", "SATURDAY", "SUNDAY", "MONDAY", "WEDNESDAY");
  }

  @Test
  void theNextOpeningSkipsABlackoutAndFindsTheNextWindowAfterIt() {
    Blackout holidays =
        new Blackout(
            LocalDate.parse("2026-12-24"), LocalDate.parse("2026-12-27"), BERLIN, "holidays");
    Gates gates =
        new Gates(
            Duration.ZERO,
            List.of(DeployWindow.parse("Mon-Thu 09:00-16:00 Europe/Berlin")),
            List.of(holidays));

    assertThat(gates.blackoutAt(at("2026-12-23T23:30:00Z"))).contains(holidays); // 00:30 Berlin
    assertThat(gates.nextOpening(at("2026-12-24T10:00:00Z"))).contains(at("2026-12-28T08:00:00Z"));
  }

  @Test
  void nearerWindowsReplaceBroaderOnesAndBlackoutsAddUp() {
    Blackout a =
        new Blackout(LocalDate.parse("2026-12-24"), LocalDate.parse("2026-12-24"), BERLIN, "a");
    Blackout b =
        new Blackout(LocalDate.parse("2026-12-31"), LocalDate.parse("2026-12-31"), BERLIN, "b");
    Gates fleet =
        new Gates(
            Duration.ofHours(1), List.of(DeployWindow.parse("Mon 09:00-10:00 UTC")), List.of(a));
    Gates own =
        new Gates(Duration.ZERO, List.of(DeployWindow.parse("Tue 09:00-10:00 UTC")), List.of(b));

    Gates combined = own.within(fleet);

    assertThat(combined.windows())
        .extracting(DeployWindow::text)
        .containsExactly("Tue 09:00-10:00 UTC");
    assertThat(combined.blackouts()).containsExactly(a, b);
    assertThat(combined.soak()).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void badWindowsSayWhatToWrite() {
    assertThatThrownBy(() -> DeployWindow.parse("weekdays 9-5"))
        .hasMessage(
            "window \"weekdays 9-5\" is not days, hours and a time zone: write"
                + " Mon-Thu 09:00-16:00 Europe/Berlin");
    assertThatThrownBy(() -> DeployWindow.parse("Mon 16:00-09:00 UTC"))
        .hasMessage(
            "window \"Mon 16:00-09:00 UTC\" closes at or before it opens: write the"
                + " earlier time first, as in Mon-Thu 09:00-16:00 Europe/Berlin");
  }
}
