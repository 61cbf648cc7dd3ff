package org.tusk.libpq; final class Placeholder { private Placeholder() {} }
