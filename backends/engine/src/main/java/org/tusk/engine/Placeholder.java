package org.tusk.engine; final class Placeholder { private Placeholder() {} }
