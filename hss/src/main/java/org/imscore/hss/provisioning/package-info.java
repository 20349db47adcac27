/**
 * Creating, changing and deleting subscribers with validation that says what to fix
 * ({@link org.imscore.hss.provisioning.ProvisioningService}); committed changes are reported to a
 * {@link org.imscore.hss.provisioning.ProvisioningListener}, which Cx turns into RTR and PPR.
 */
package org.imscore.hss.provisioning;
