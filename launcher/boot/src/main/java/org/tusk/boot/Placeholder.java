package org.tusk.boot; final class Placeholder { private Placeholder() {} }
