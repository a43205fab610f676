package dev.shepherd.testing;

/**
 * The databases Shepherd runs on, as a test parameter: a test class annotated
 * {@code @ParameterizedClass @EnumSource(Databases.class)} runs every test once on each, through a
 * {@link DatabaseExtension} built from the parameter.
 */
public enum Databases {
  H2,
  POSTGRES
}
