package dev.stepfold.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An execution's redrives: how many, the last one's date, and the client tokens of the most recent ones with when
 * they were used (AWS answers a repeated token within 15 minutes with the same redrive; it keeps 10).
 */
public record Redrives(int count, Optional<Instant> lastDate, List<TokenUse> recentTokens) {
  public static final Redrives NONE = new Redrives(0, Optional.empty(), List.of());
  /** R15: the last 10 tokens that redrove the execution are remembered... */
  public static final int TOKENS_KEPT = 10;
  /** R15: ...and each gives the same answer for 15 minutes from its use. */
  public static final Duration TOKEN_WINDOW = Duration.ofMinutes(15);
  /** R61: the two sides of ListExecutions' {@code redriveFilter}. */
  public static final String REDRIVEN = "REDRIVEN";
  public static final String NOT_REDRIVEN = "NOT_REDRIVEN";

  public record TokenUse(String clientToken, Instant redriveDate) {
    public TokenUse {
      Objects.requireNonNull(clientToken, "clientToken");
      Objects.requireNonNull(redriveDate, "redriveDate");
    }
  }

  public Redrives {
    Objects.requireNonNull(lastDate, "lastDate");
    recentTokens = List.copyOf(recentTokens);
  }

  /** R61: which side of ListExecutions' {@code redriveFilter} the execution is on; it does not depend on the clock. */
  public String filter() {
    return count > 0 ? REDRIVEN : NOT_REDRIVEN;
  }

  public Redrives redriven(Instant date, Optional<String> clientToken) {
    var tokens = new ArrayList<>(recentTokens);
    clientToken.ifPresent(token -> tokens.add(new TokenUse(token, date)));
    while (tokens.size() > TOKENS_KEPT) {
      tokens.remove(0);
    }
    return new Redrives(count + 1, Optional.of(date), tokens);
  }
}
