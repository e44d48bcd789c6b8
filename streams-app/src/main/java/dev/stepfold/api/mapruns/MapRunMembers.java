package dev.stepfold.api.mapruns;

import dev.stepfold.api.ApiArns;
import dev.stepfold.api.Members;
import dev.stepfold.arn.MapRunArn;

/** The {@code mapRunArn} member of the map run operations: a {@code LongArn} (1 to 2,000 characters) that names a map run. */
final class MapRunMembers {
  /** The model's {@code LongArn}. */
  static final int LONG_ARN_LENGTH = 2000;

  private MapRunMembers() {}

  static MapRunArn mapRunArn(Members in) {
    return mapRunArn(in.requiredString("mapRunArn", 1, LONG_ARN_LENGTH));
  }

  static MapRunArn mapRunArn(String value) {
    try {
      return new MapRunArn(value);
    } catch (IllegalArgumentException e) {
      throw ApiArns.invalid(value);
    }
  }
}
