package org.tusk.protocol; final class Placeholder { private Placeholder() {} }
