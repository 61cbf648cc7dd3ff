package org.tusk.postmaster; final class Placeholder { private Placeholder() {} }
