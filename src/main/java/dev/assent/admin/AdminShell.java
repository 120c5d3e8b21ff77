package dev.assent.admin;

/**
 * What the admin layout shows around every page: the company and who is signed in. Tech admins see
 * the whole navigation, other members only their own profile.
 */
record AdminShell(String companyName, String memberName, String email, boolean techAdmin) {
}
