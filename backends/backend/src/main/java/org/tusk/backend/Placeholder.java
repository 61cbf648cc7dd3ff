package org.tusk.backend; final class Placeholder { private Placeholder() {} }
